package io.github.lmsdb.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApplicationNameTest {

    @Test
    void aRunIdCarriesThisJvmsPidAndHostAndReadsBack() {
        ApplicationName run = ApplicationName.newRun("migrate");
        assertThat(run.value()).matches("lmsdb:migrate:[0-9a-f]{8}-" + ProcessHandle.current().pid() + "@.+");
        ApplicationName parsed = ApplicationName.parse(run.value()).orElseThrow();
        assertThat(parsed).isEqualTo(run);
        assertThat(parsed.owner()).contains(RunOwner.current());
        assertThat(parsed.owner().orElseThrow().liveness()).isEqualTo(RunOwner.Liveness.ALIVE);
    }

    @Test
    void theLongestNamesFitPostgresqls63BytesWithTheRunIdWhole() {
        String host = RunOwner.hostToken("a-very-long-host-name-of-a-build-agent.ci.example.com");
        assertThat(host).hasSizeLessThanOrEqualTo(RunOwner.MAX_HOST).startsWith("a-very-long-hos").contains("~");
        assertThat(RunOwner.hostToken("a-very-long-host-name-of-a-build-agent.ci.example.org")).isNotEqualTo(host);
        String runId = "0123abcd-4194304@" + host;
        ApplicationName longest = new ApplicationName("generate", runId);
        assertThat(longest.value().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(longest.value()).endsWith(runId);
        assertThat(new ApplicationName("a-goal-name-far-too-long-for-the-room-left-by-the-id", runId).value()).hasSize(63).endsWith(runId);
    }

    @Test
    void otherClientsAndOldRunIdsHaveNoOwner() {
        assertThat(ApplicationName.parse("psql")).isEmpty();
        assertThat(ApplicationName.parse("lmsdb:migrate:1a2b3c4d").orElseThrow().owner()).isEmpty();
        assertThat(new RunOwner(4711, "elsewhere").liveness()).isEqualTo(RunOwner.Liveness.UNKNOWN);
    }
}
