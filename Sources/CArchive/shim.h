// libarchive from Debian's libarchive-dev (installed by scripts/setup.sh): zip, tar, tar.gz.
#include <archive.h>
#include <archive_entry.h>
