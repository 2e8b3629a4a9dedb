package io.github.lmsdb.maven;

import io.github.lmsdb.core.app.Lmsdb;
import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.report.SeedRenderer;
import io.github.lmsdb.core.report.Style;
import io.github.lmsdb.core.safety.Confirmation;
import io.github.lmsdb.core.safety.Operation;
import io.github.lmsdb.core.safety.Policy;
import io.github.lmsdb.core.seed.SeedGroup;
import io.github.lmsdb.core.seed.SeedListener;
import io.github.lmsdb.core.seed.SeedResult;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Loads the sample data of {@code seedsDirectory}: ordered groups ({@code 01_users/}, ...), each
 * file in name order, {@code *.sql} executed and {@code *.csv} loaded with COPY into the table the
 * file is named after. One transaction: a failing file changes nothing. Reports what each group
 * created, measured on the database. Refused in production and when migrations are pending.
 */
@Mojo(name = "seed", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public final class SeedMojo extends AbstractLmsdbMojo {
    /** Empty every application table first (not Flyway's history), restarting identities. Also settable with {@code -Dlmsdb.fresh}. */
    @Parameter(property = "lmsdb.fresh", defaultValue = "false")
    private boolean fresh;

    /** Only these groups, by name without their number ({@code users,courses}). Also settable with {@code -Dlmsdb.only}. */
    @Parameter(property = "lmsdb.only")
    private List<String> only;

    /** The confirmation of a fresh seed in staging, in batch mode: the database name. Also settable with {@code -Dlmsdb.confirm}. */
    @Parameter(property = "lmsdb.confirm")
    private String confirm;

    @Inject
    public SeedMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem, EmbeddedServers embeddedServers) {
        super(decrypter, repositorySystem, embeddedServers);
    }

    @Override
    protected void run(Lmsdb lmsdb) throws LmsdbException, SQLException {
        Style style = style();
        String database = lmsdb.settings().connection().url().database();
        Policy.refuseForbidden(lmsdb.settings().environment(), "seed", database);
        List<SeedGroup> groups = SeedGroup.select(lmsdb.seeds().groups(), only);
        if (fresh) {
            refuseIfProtected(lmsdb, Operation.SEED_FRESH);
            Confirmation.check(lmsdb.settings().environment(), Operation.SEED_FRESH, database, confirm, prompt());
        }
        print(SeedRenderer.header(style));
        if (fresh) {
            getLog().info("Emptying every application table first (fresh)...");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("fresh", Boolean.toString(fresh));
        parameters.put("groups", String.join(",", groups.stream().map(SeedGroup::name).toList()));
        SeedResult result = audited(lmsdb, "seed", parameters, () -> lmsdb.seed(fresh, groups.stream().map(SeedGroup::name).toList(), new SeedListener() {
            @Override
            public void started(SeedGroup group) {
                getLog().info(SeedRenderer.started(group.name()));
            }

            @Override
            public void finished(SeedResult.Group group) {
                getLog().info(SeedRenderer.finished(group, style));
            }
        }));
        print(SeedRenderer.summary(result, style));
    }
}
