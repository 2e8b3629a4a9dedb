// Starts, inside the invoker's JVM (so they live until the whole integration-test run ends):
//  - a PostgreSQL on ${itPgPort} where postgres is trusted and every other user needs a
//    password (scram-sha-256): role lms_app / ItSecret-7391-pw owns database lms_db;
//  - a socket on ${itSilentPort} that accepts connections and never answers (timeout tests);
//  - sockets bound to ${itClosedPort} that never listen, so connections there are refused.
import io.github.lmsdb.core.db.EmbeddedServer
import java.nio.file.Files
import java.nio.file.Path
import io.github.lmsdb.it.ItSupport

def data = Path.of(itWork, 'password-server')
def hba = '''\
local all postgres trust
host  all postgres 127.0.0.1/32 trust
host  all postgres ::1/128 trust
host  all all 127.0.0.1/32 scram-sha-256
host  all all ::1/128 scram-sha-256
'''
def server = EmbeddedServer.start(data, Path.of(pgBinariesJar), Integer.parseInt(itPgPort), { dir ->
    Files.writeString(dir.resolve('pg_hba.conf'), hba)
})
Runtime.runtime.addShutdownHook(new Thread({ server.close() }))
ItSupport.connect(Integer.parseInt(itPgPort), 'postgres', 'postgres', null).withCloseable { c ->
    c.createStatement().withCloseable { st ->
        def rs = st.executeQuery("select 1 from pg_roles where rolname = 'lms_app'")
        if (!rs.next()) {
            st.execute("create role lms_app login password 'ItSecret-7391-pw'")
            st.execute('create database lms_db owner lms_app')
        }
    }
}

def silent = new ServerSocket(Integer.parseInt(itSilentPort), 50, InetAddress.getLoopbackAddress())
def held = []
Thread.startDaemon('it-silent-socket') {
    while (true) {
        held << silent.accept()   // accept and never answer
    }
}
// The closed port was only reserved, then released: an embedded server started meanwhile on a free port by a project
// running in parallel could take it, and error-connection-refused would find a server. Bound without listening (and
// without SO_REUSEADDR), it stays refused and nobody else can bind it. localhost may resolve to either address.
def closed = []
['127.0.0.1', '::1'].each { address ->
    def socket = new Socket()
    socket.reuseAddress = false
    try {
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), Integer.parseInt(itClosedPort)))
        closed << socket
    } catch (IOException e) {
        socket.close()
        if (address == '127.0.0.1') {
            throw e
        }
        println "No IPv6 loopback to hold ${itClosedPort} on: ${e.message}"
    }
}
// Referenced until the run ends: an unreachable socket is closed when collected.
Thread.startDaemon('it-closed-port') {
    synchronized (closed) {
        closed.wait()
    }
}
println "IT servers: PostgreSQL with passwords on ${itPgPort}, silent socket on ${itSilentPort}, refused port ${itClosedPort}"
return true
