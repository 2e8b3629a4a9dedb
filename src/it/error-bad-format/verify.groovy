import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir, "Unknown format 'yaml'. Allowed values: text, json.", 'Set it with -Dlmsdb.format=json', 'BUILD FAILURE')
assertLogLacks(basedir, 'Database Status Report')
return true
