import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    "Credentials are given twice: a password in the plugin configuration and the settings.xml server 'it-db-good'.",
    'Keep one: remove <password> / -Dlmsdb.password, or remove -Dlmsdb.serverId / <serverId>.',
    'BUILD FAILURE')
assertLogLacks(basedir, 'cli-twice-1234-pw', 'ItSecret-7391-pw')
return true
