package io.github.lmsdb.core.migrate;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes Flyway's log to SLF4J (Maven's log inside a build) with its chatter demoted: Flyway's
 * INFO and NOTICE lines become DEBUG (visible in the debug log), because the plugin prints its
 * own report, and some of Flyway's notices are wrong for this plugin (it calls the undo scripts
 * "SQL migrations that did not follow the filename convention"). Its errors become DEBUG too: each
 * one also reaches the plugin as an exception, reported once. Warnings stay.
 * Flyway instantiates this class by name ({@code loggers(FlywayLogCreator.class.getName())}).
 */
public final class FlywayLogCreator implements LogCreator {
    @Override
    public Log createLogger(Class<?> clazz) {
        Logger logger = LoggerFactory.getLogger(clazz);
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return logger.isDebugEnabled();
            }

            @Override
            public void debug(String message) {
                logger.debug(message);
            }

            @Override
            public void info(String message) {
                logger.debug(message);
            }

            @Override
            public void warn(String message) {
                if (UndoScripts.isFlywayNamingNotice(message)) {
                    logger.debug(message);
                } else {
                    logger.warn(message);
                }
            }

            @Override
            public void error(String message) {
                // Every Flyway error reaches the plugin as an exception (or, for a missing migrations
                // directory, as a line of the report) and is reported once, in the plugin's words.
                logger.debug(message);
            }

            @Override
            public void error(String message, Exception e) {
                logger.debug(message, e);
            }

            @Override
            public void notice(String message) {
                logger.debug(message);
            }
        };
    }
}
