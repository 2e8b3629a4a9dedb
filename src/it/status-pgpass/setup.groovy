// A password file in libpq's format; the wildcard port and database match the test server.
def file = new File(basedir, 'pgpass.conf')
file.text = "# test credentials\nother-host:*:*:lms_app:not-this-one\nlocalhost:*:*:lms_app:ItSecret-7391-pw\n"
return true
