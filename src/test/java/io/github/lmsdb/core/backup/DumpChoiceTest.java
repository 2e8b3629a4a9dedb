package io.github.lmsdb.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lmsdb.core.backup.DumpChoice.Why;
import io.github.lmsdb.core.report.BackupRenderer;
import org.junit.jupiter.api.Test;

class DumpChoiceTest {
    private static final long GB = 1L << 30;

    @Test
    void aLargeCompressedBackupIsDumpedInParallelOneJobPerCore() throws Exception {
        DumpChoice c = DumpChoice.forBackup(null, true, null, 5 * GB, 4);
        assertThat(c).isEqualTo(new DumpChoice(BackupFormat.DIRECTORY, 4, Why.LARGE_COMPRESSED, 5 * GB));
        assertThat(BackupRenderer.choice(c)).isEqualTo("Format: directory, 4 jobs (compressed, and 5.0 GB is above 1.0 GB: one job per core)");
    }

    @Test
    void aSmallCompressedBackupStaysCustomAndSaysWhy() throws Exception {
        DumpChoice c = DumpChoice.forBackup(null, true, null, 300L << 20, 4);
        assertThat(c.format()).isEqualTo(BackupFormat.CUSTOM);
        assertThat(c.jobs()).isEqualTo(1);
        assertThat(BackupRenderer.choice(c)).isEqualTo("Format: custom, 1 job (compressed; 300.0 MB is below 1.0 GB, above which it runs in parallel)");
    }

    @Test
    void oneCoreNeverGoesParallel() throws Exception {
        assertThat(DumpChoice.forBackup(null, true, null, 50 * GB, 1)).isEqualTo(new DumpChoice(BackupFormat.CUSTOM, 1, Why.ONE_CORE, 50 * GB));
        assertThat(DumpChoice.forRestore(BackupFormat.DIRECTORY, null, 1).jobs()).isEqualTo(1);
    }

    @Test
    void whatTheUserSetWins() throws Exception {
        assertThat(DumpChoice.forBackup("custom", true, null, 50 * GB, 8)).isEqualTo(new DumpChoice(BackupFormat.CUSTOM, 1, Why.AS_SET, -1));
        assertThat(DumpChoice.forBackup(null, true, 1, 50 * GB, 8)).isEqualTo(new DumpChoice(BackupFormat.CUSTOM, 1, Why.COMPRESSED_JOBS_AS_SET, -1));
        assertThat(DumpChoice.forBackup(null, true, 3, 1, 8)).isEqualTo(new DumpChoice(BackupFormat.DIRECTORY, 3, Why.COMPRESSED_JOBS_AS_SET, -1));
        assertThat(DumpChoice.forBackup("directory", false, null, 1, 8)).isEqualTo(new DumpChoice(BackupFormat.DIRECTORY, 8, Why.DIRECTORY_PER_CORE, -1));
        assertThat(DumpChoice.forBackup(null, false, null, 50 * GB, 8)).isEqualTo(new DumpChoice(BackupFormat.PLAIN, 1, Why.NOT_COMPRESSED, -1));
        assertThat(DumpChoice.forRestore(BackupFormat.DIRECTORY, 2, 8).jobs()).isEqualTo(2);
    }

    @Test
    void restoresUseOneJobPerCoreForADirectoryDumpOnly() {
        assertThat(DumpChoice.forRestore(BackupFormat.DIRECTORY, null, 4)).isEqualTo(new DumpChoice(BackupFormat.DIRECTORY, 4, Why.DIRECTORY_PER_CORE, -1));
        assertThat(DumpChoice.forRestore(BackupFormat.CUSTOM, null, 4)).isEqualTo(new DumpChoice(BackupFormat.CUSTOM, 1, Why.CUSTOM_STREAMED, -1));
        assertThat(BackupRenderer.choice(DumpChoice.forRestore(BackupFormat.PLAIN, null, 4)))
                .isEqualTo("Format: plain, 1 job (plain SQL: psql loads it in one session)");
    }
}
