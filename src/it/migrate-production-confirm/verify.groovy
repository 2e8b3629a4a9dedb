import static io.github.lmsdb.it.ItSupport.*

assertLogContains(basedir,
    'Migrate in production needs confirmation, and this build cannot ask (batch mode). Nothing was changed.',
    "Confirmation 'lms_db' does not match: migrate in production needs 'lms_db@production'. Nothing was changed.",
    'Confirm with -Dlmsdb.confirm=lms_db@production',
    'All migrations completed successfully!')
return true
