// libdeflate (Debian: libdeflate-dev): used for its hardware-accelerated CRC-32.
#include <libdeflate.h>
