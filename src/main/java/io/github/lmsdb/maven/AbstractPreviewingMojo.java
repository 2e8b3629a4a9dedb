package io.github.lmsdb.maven;

import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/** A goal that previews its change on a shadow copy of the database before making it (migrate, rollback). */
public abstract class AbstractPreviewingMojo extends AbstractChangeMojo {
    /**
     * The server where a preview makes its shadow copy, e.g. {@code jdbc:postgresql://localhost:5432/postgres},
     * reached with the same user and password as {@code url}; it must run the database's PostgreSQL
     * major version or newer, and the user must be allowed to create databases there. By default the
     * database's own server when its user may create databases, else an embedded PostgreSQL of the
     * database's major that the build starts. Also settable with {@code -Dlmsdb.shadowUrl}.
     */
    @Parameter(property = "lmsdb.shadowUrl")
    protected String shadowUrl;

    protected AbstractPreviewingMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }
}
