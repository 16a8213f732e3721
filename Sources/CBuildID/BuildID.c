#define _GNU_SOURCE
#include "RateLabBuildID.h"

#if defined(__linux__)
#include <elf.h>
#include <link.h>
#include <string.h>

struct BuildID { unsigned char *out; size_t capacity, length; };

/// Scans the PT_NOTE segments of the first object dl_iterate_phdr reports, which is the executable:
/// each note is a header (name size, descriptor size, type), the name and the descriptor, both padded
/// to the segment's alignment (4, or 8 for e.g. .note.gnu.property).
static int scanExecutable(struct dl_phdr_info *info, size_t size, void *context) {
    (void)size;
    struct BuildID *id = context;
    for (size_t k = 0; k < info->dlpi_phnum; k++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[k];
        if (segment->p_type != PT_NOTE) continue;
        size_t align = segment->p_align == 8 ? 8 : 4;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + segment->p_vaddr);
        const unsigned char *end = p + segment->p_memsz;
        while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *note = (const ElfW(Nhdr) *)p;
            const unsigned char *name = p + sizeof *note;
            const unsigned char *descriptor = name + ((note->n_namesz + align - 1) & ~(align - 1));
            if (descriptor > end || (size_t)(end - descriptor) < note->n_descsz) break;
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                id->length = note->n_descsz < id->capacity ? note->n_descsz : id->capacity;
                memcpy(id->out, descriptor, id->length);
                return 1;
            }
            p = descriptor + ((note->n_descsz + align - 1) & ~(align - 1));
        }
    }
    return 1;  // only the executable: stop after the first object
}

size_t rl_executable_build_id(unsigned char *out, size_t capacity) {
    struct BuildID id = {out, capacity, 0};
    dl_iterate_phdr(scanExecutable, &id);
    return id.length;
}
#else
/// No ELF program headers to read (e.g. macOS): the caller falls back to hashing the file.
size_t rl_executable_build_id(unsigned char *out, size_t capacity) {
    (void)out;
    (void)capacity;
    return 0;
}
#endif
