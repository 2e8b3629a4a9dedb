package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.app.Options;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.SeedRenderer;
import io.github.lmsdb.core.seed.SeedResult;
import java.sql.SQLException;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Loads the sample data of {@code seedsDirectory}: ordered groups ({@code 01_users/}, ...), each file in name order, {@code
 * *.sql} executed and {@code *.csv} loaded with COPY into the table the file is named after. One transaction: a failing file
 * changes nothing. Reports what each group created, measured on the database. Refused in production (and on a
 * production-stamped database) and when migrations are pending.
 */
@Mojo(name = "seed", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public final class SeedMojo extends AbstractChangeMojo {
    /**
     * Empty the tables first, restarting identities: every application table (not Flyway's history), or with {@code only},
     * just the tables those groups load. Also settable with {@code -Dlmsdb.fresh}.
     */
    @Parameter(property = "lmsdb.fresh", defaultValue = "false")
    private boolean fresh;

    /** Only these groups, by name without their number ({@code users,courses}). Also settable with {@code -Dlmsdb.only}. */
    @Parameter(property = "lmsdb.only")
    private List<String> only;

    @Inject
    public SeedMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected boolean backupByDefault() {
        return false;
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        print(SeedRenderer.header(console().style()));
        SeedResult result = lmsdb.seed(new Options.Seed(fresh, only, backup(), confirm));
        print(SeedRenderer.summary(result, console().style()));
    }
}
