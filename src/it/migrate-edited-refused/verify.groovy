import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'Applied migration(s) edited after they were applied (checksum differs from the history): V1__CreateAccounts.sql.',
    'mvn lmsdb:create -Dlmsdb.name=<WhatItChanges>',
    'BUILD FAILURE')
assertLogLacks(basedir, 'Running migration')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c -> assert !tableExists(c, 'invoices') }
return true
