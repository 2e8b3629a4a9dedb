import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'Cannot roll back: missing undo script(s): ' + new File(basedir, 'migrations/U2__CreateInvoices.sql').path + '. Nothing was changed.',
    'Write each undo script (the SQL that reverses its migration) with exactly that name',
    'BUILD FAILURE')
withProjectDatabase(basedir, pgBinariesJar, 'lms_db') { c ->
    assert tableExists(c, 'accounts') && tableExists(c, 'invoices')
    def rs = c.createStatement().executeQuery('select count(*) from flyway_schema_history')
    rs.next(); assert rs.getInt(1) == 2
}
return true
