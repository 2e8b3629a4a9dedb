import static io.github.lmsdb.it.ItSupport.*

assert flywayMigrate(basedir, pgBinariesJar, new File(basedir, 'migrations').path, 'latest') == 2
return true
