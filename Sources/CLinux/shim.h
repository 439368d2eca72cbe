// Linux calls that glibc declares without a wrapper Swift can call (`syscall` is variadic) or
// only under _GNU_SOURCE, as small inline functions. No library is linked beyond libc.
#ifndef LAKEMAKE_CLINUX_SHIM_H
#define LAKEMAKE_CLINUX_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>
#include <spawn.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

/// openat2(2): opens `path` relative to `dirfd` with `resolve` flags (RESOLVE_BENEATH,
/// RESOLVE_NO_SYMLINKS, ...). Returns the descriptor, or -1 with errno set (ENOSYS on a
/// kernel older than 5.6).
static inline int lakemake_openat2(int dirfd, const char *path, int flags, unsigned int mode, unsigned long long resolve) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(unsigned int)flags;
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = resolve;
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

/// renameat2(2) with RENAME_NOREPLACE: fails with EEXIST instead of replacing `newpath`.
/// Returns 0, or -1 with errno set (EINVAL or ENOSYS where the file system or kernel lacks it).
static inline int lakemake_rename_noreplace(int olddirfd, const char *oldpath, int newdirfd, const char *newpath) {
    return (int)syscall(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, 1u /* RENAME_NOREPLACE */);
}

/// posix_spawn_file_actions_addchdir_np (glibc 2.29+, declared only under _GNU_SOURCE): the
/// child changes to `dir` before it executes, so a spawned command runs in the lake folder
/// without the parent changing its own.
extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *__restrict actions, const char *__restrict dir);
static inline int lakemake_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *dir) {
    return posix_spawn_file_actions_addchdir_np(actions, dir);
}

/// pipe2 (declared only under _GNU_SOURCE): a pipe whose ends are close-on-exec from the start,
/// so a command spawned by another thread at the same moment cannot inherit them.
extern int pipe2(int fds[2], int flags);
static inline int lakemake_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

/// prctl(PR_SET_CHILD_SUBREAPER) (prctl is variadic): orphaned descendants of this process are
/// re-parented to it instead of init, so it can wait for every process a command left behind.
#include <sys/prctl.h>
static inline int lakemake_become_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

/// O_PATH (glibc names it only under _GNU_SOURCE): a descriptor that only locates a file.
static const int lakemake_o_path = __O_PATH;

static const unsigned long long lakemake_resolve_beneath = RESOLVE_BENEATH;
static const unsigned long long lakemake_resolve_no_symlinks = RESOLVE_NO_SYMLINKS;
static const unsigned long long lakemake_resolve_no_magiclinks = RESOLVE_NO_MAGICLINKS;

#endif
