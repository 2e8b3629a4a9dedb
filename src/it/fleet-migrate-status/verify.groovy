import static io.github.lmsdb.it.ItSupport.*
import groovy.json.JsonSlurper

def before = new JsonSlurper().parse(new File(basedir, 'target/before.json'))
assert before.totals.targets == 3
assert before.totals.withPending == 3
assert before.totals.pendingTotal == 45
assert before.productionConfirmation ==~ /fleet-3-[0-9a-f]{8}@production/
// Named by the URLs as configured, not by the embedded server's random port: the token is the same in every build.
def names = ['localhost:5432/fleet_a', 'localhost:5432/fleet_b', 'localhost:5432/fleet_c']
def hash = java.security.MessageDigest.getInstance('SHA-256').digest(names.join('\n').getBytes('UTF-8')).encodeHex().toString()
assert before.productionConfirmation == "fleet-3-${hash.substring(0, 8)}@production"

def fleet = new JsonSlurper().parse(new File(basedir, 'target/fleet.json'))
assert fleet.parallel == 2
assert fleet.counts.done == 3
assert fleet.canaries == ['localhost:5432/fleet_a']
assert fleet.targets*.target == names
assert fleet.targets*.state == ['done', 'done', 'done']
assert fleet.targets.every { it.applied.size() == 15 && it.after == '20231114140000' && it.before == null }

def rerun = new JsonSlurper().parse(new File(basedir, 'target/rerun.json'))
assert rerun.counts.upToDate == 3 && rerun.counts.done == 0

def log = buildLog(basedir)
assert log.contains('Pre-flight of 3 target(s), 2 at a time...')
assert log.contains('Pre-flight passed: 3 to migrate, 0 up to date.')
assert log =~ /Canary [^\n]*\/fleet_a\.\.\./
assert log =~ /Wave 1 of 1: [^\n]*\/fleet_b, [^\n]*\/fleet_c/
assert log =~ /\[1\/3\] +done +\S+\/fleet_a +none -> 20231114140000 \(15 applied/
assert log.contains('Total: 3 done, 0 up to date, 0 failed, 0 not started')
assert log.contains('Total: 0 done, 3 up to date, 0 failed, 0 not started')
// -q: the status document on standard output, nothing pending.
def line = log.readLines().find { it.startsWith('{"goal":"status"') }
assert line != null
assert new JsonSlurper().parseText(line).totals.withPending == 0
assert log =~ /Totals: 3 targets, 0 with pending \(0 migrations\), 0 unreachable/
assert log.contains('lmsdb:rollback works on one database at a time; a fleet (targets, targetsQuery, targetSchemas) is for status, migrate, drift and backup. Nothing was changed.')
assert !log.contains('password')

// drift: none on any target; backup: each database once, into a folder of its own, with its manifest.
def drift = new JsonSlurper().parse(new File(basedir, 'target/drift.json'))
assert drift.goal == 'drift' && drift.totals.targets == 3 && drift.totals.drifted == 0
assert drift.targets*.target == names && drift.targets.every { it.drift == false && it.appliedVersion == '20231114140000' }
assert log.contains('Totals: 3 targets, 0 drifted, 0 not checked')
def backup = new JsonSlurper().parse(new File(basedir, 'target/backup.json'))
assert backup.totals.databases == 3 && backup.totals.failed == 0
assert backup.targets*.target == names
backup.targets.each { t ->
    def file = new File(t.file)
    assert file.isFile() && new File(t.file + '.manifest.json').isFile() : t.file
    assert file.parentFile.name == t.target.replaceAll(/[^A-Za-z0-9_.-]/, '_')
    assert file.parentFile.parentFile.canonicalPath == new File(basedir, 'backups').canonicalPath
}
assert log.contains('Totals: 3 backed up, 0 failed')

['fleet_a', 'fleet_b', 'fleet_c'].each { db ->
    withProjectDatabase(basedir, pgBinariesJar, db) { c ->
        def rs = c.createStatement().executeQuery("select count(*) from flyway_schema_history where success")
        rs.next()
        assert rs.getInt(1) == 15
        rs = c.createStatement().executeQuery("select count(*) from lmsdb.lmsdb_audit where goal = 'migrate' and outcome = 'success'")
        rs.next()
        assert rs.getInt(1) == 1 : "one audited migrate on $db (the rerun skipped it)"
    }
}
return true
