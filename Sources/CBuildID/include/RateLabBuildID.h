/// The GNU build ID of the running executable: the linker's hash of the linked output (the
/// `.note.gnu.build-id` note that `readelf -n` prints), read from the loaded program headers, so a
/// fingerprint of the executable costs no file read (hashing the 16 MB file cost ~20 ms per process).
#ifndef RATELAB_BUILD_ID_H
#define RATELAB_BUILD_ID_H

#include <stddef.h>

/// Copies up to `capacity` bytes of the executable's build ID to `out` and returns its length in
/// bytes (0 when the executable has no build-ID note).
size_t rl_executable_build_id(unsigned char *out, size_t capacity);

#endif
