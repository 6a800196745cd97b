// SQLite 3 from Debian's libsqlite3-dev (installed by scripts/setup.sh).
#include <sqlite3.h>
