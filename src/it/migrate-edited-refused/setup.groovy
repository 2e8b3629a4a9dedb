import static io.github.lmsdb.it.ItSupport.*

// V1 is applied, then someone edits it.
assert flywayMigrate(basedir, pgBinariesJar, new File(basedir, 'migrations').path, '1') == 1
new File(basedir, 'migrations/V1__CreateAccounts.sql') << '-- an edit after it was applied\n'
return true
