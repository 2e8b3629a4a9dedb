package io.github.lmsdb.core.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections a gateway hands Flyway, kept open between Flyway's calls: Flyway opens (and closes) a connection for
 * every status, plan and migrate, and one goal makes several such calls, so each would otherwise start a server
 * process. On a fleet of hundreds of targets those starts were most of the run. A connection Flyway closes comes back
 * here reset ({@code DISCARD ALL}: settings, advisory locks, prepared statements), or is really closed when it cannot
 * be reset (a transaction left open, an error); all are closed with the gateway. Not a pool: no bound, no waiting, one
 * gateway's connections only.
 */
final class ReusedConnections implements DataSource, AutoCloseable {
    private final DataSource source;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ReusedConnections(DataSource source) {
        this.source = source;
    }

    @Override
    public Connection getConnection() throws SQLException {
        while (true) {
            Connection physical;
            synchronized (this) {
                physical = closed ? null : idle.pollFirst();
            }
            if (physical == null) {
                return lent(source.getConnection());
            }
            if (!physical.isClosed()) {
                return lent(physical);
            }
        }
    }

    private Connection lent(Connection physical) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean returned;

            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close":
                        if (!returned) {
                            returned = true;
                            giveBack(physical);
                        }
                        return null;
                    case "isClosed":
                        return returned || physical.isClosed();
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        if (returned) {
                            throw new SQLException("This connection was closed.", "08003");
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private void giveBack(Connection physical) {
        try {
            if (!physical.isClosed() && physical.getAutoCommit()) {
                try (Statement st = physical.createStatement()) {
                    st.execute("discard all");
                }
                synchronized (this) {
                    if (!closed) {
                        idle.addFirst(physical);
                        return;
                    }
                }
            }
        } catch (SQLException e) {
            // Not reusable: closed below.
        }
        quietlyClose(physical);
    }

    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(ReusedConnections::quietlyClose);
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Closing a connection the server already dropped is not worth a failure.
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The gateway's credentials are fixed.");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return source.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        source.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        source.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return source.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return source.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
