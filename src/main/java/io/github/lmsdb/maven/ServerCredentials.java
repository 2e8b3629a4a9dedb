package io.github.lmsdb.maven;

import io.github.lmsdb.core.error.Hint;
import io.github.lmsdb.core.error.LmsdbException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The username and decrypted password of a settings.xml {@code <server>}. */
record ServerCredentials(String user, String password) {
    static final ServerCredentials NONE = new ServerCredentials(null, null);

    static ServerCredentials of(String serverId, MavenSession session, SettingsDecrypter decrypter) throws LmsdbException {
        if (serverId == null || serverId.isBlank()) {
            return NONE;
        }
        Server server = session.getSettings().getServer(serverId);
        if (server == null) {
            throw new LmsdbException(
                    "No <server> with id '" + serverId + "' in settings.xml.",
                    Hint.line("Add <server><id>" + serverId + "</id><username>...</username><password>...</password></server> to "
                            + "~/.m2/settings.xml (encrypt the password with mvn --encrypt-password), or drop ", Hint.param("serverId"), "."));
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new LmsdbException(
                        "Cannot decrypt the password of settings.xml server '" + serverId + "': " + problem.getMessage(),
                        "  Check ~/.m2/settings-security.xml, or re-encrypt it with mvn --encrypt-password.");
            }
        }
        return new ServerCredentials(decrypted.getServer().getUsername(), decrypted.getServer().getPassword());
    }
}
