package io.github.lmsdb.maven;

import io.github.lmsdb.core.error.LmsdbException;
import io.github.lmsdb.core.db.EmbeddedBinaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Resolves this platform's zonky binaries jar through Maven's resolver, only when embedded mode is
 * on: the plugin does not depend on any binaries jar, so a user who never turns embedded mode on
 * downloads none of them, and one who does gets only their own platform's (about 15 MB).
 */
final class BinariesResolver {
    private BinariesResolver() {}

    static Path resolve(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories, String version)
            throws LmsdbException {
        String artifactId = EmbeddedBinaries.artifactId(
                System.getProperty("os.name"), System.getProperty("os.arch"), Files.exists(Path.of("/etc/alpine-release")));
        String coordinates = EmbeddedBinaries.GROUP_ID + ":" + artifactId + ":jar:" + version;
        try {
            ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(coordinates), repositories, null);
            return system.resolveArtifact(session, request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new LmsdbException(
                    "Cannot resolve the embedded PostgreSQL binaries " + coordinates + ": " + e.getMessage(),
                    "  They are downloaded once from your Maven repositories; check your network or mirror settings"
                            + (session.isOffline() ? " (this build is offline: run once without -o)" : "") + ".\n"
                            + "  Or use your own server: -Dlmsdb.embedded=false -Dlmsdb.url=jdbc:postgresql://host:5432/lms_db",
                    e);
        }
    }
}
