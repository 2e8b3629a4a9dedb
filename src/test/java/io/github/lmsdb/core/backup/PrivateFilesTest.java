package io.github.lmsdb.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path temp;

    /** A fleet backs up several targets at once into folders under one new backup directory: none may fail on the race. */
    @Test
    void manyCreatorsOfTheSameNewParentAtOnceAllSucceed() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path parent = temp.resolve("round" + round).resolve("backups");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Path dir = parent.resolve("target" + t);
                all.add(pool.submit(() -> {
                    start.await();
                    PrivateFiles.createDirectories(dir);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : all) {
                f.get();
            }
            pool.shutdown();
            assertThat(parent).isDirectory();
            if (PrivateFiles.posix(parent)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(parent))).isEqualTo("rwx------");
            }
        }
    }
}
