import Glibc

/// GNU extensions of glibc that Swift's `Glibc` module does not import (they sit behind
/// `_GNU_SOURCE`), looked up by name once. All exist in glibc 2.36 (Debian 12) and later.
enum GNULibc {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    typealias PidfdOpen = @convention(c) (pid_t, UInt32) -> Int32
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// `POSIX_SPAWN_SETSID` from glibc's `<spawn.h>`: the child starts a new session (and so a
    /// new process group whose id is its pid).
    static let spawnSetSession: Int32 = 0x80

    /// `pipe2(fds, O_CLOEXEC)` makes both ends close-on-exec atomically, so a program started
    /// by another thread at the same moment cannot inherit them.
    static let pipe2: Pipe2? = symbol("pipe2")
    /// `pidfd_open(pid, 0)`: a descriptor that polls readable when the process exits.
    static let pidfdOpen: PidfdOpen? = symbol("pidfd_open")
    /// `posix_spawn_file_actions_addchdir_np`: the child changes folder before exec.
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    /// `posix_spawn_file_actions_addclosefrom_np`: the child closes every descriptor >= n.
    static let addClosefrom: AddClosefrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    /// The first required function that is missing, or nil when all are present.
    static var firstMissingFunction: String? {
        if pipe2 == nil { return "pipe2" }
        if addChdir == nil { return "posix_spawn_file_actions_addchdir_np" }
        if addClosefrom == nil { return "posix_spawn_file_actions_addclosefrom_np" }
        return nil
    }

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }

    /// A pipe whose two ends are close-on-exec: (read end, write end), or nil with errno set.
    static func makePipe() -> (read: Int32, write: Int32)? {
        guard let pipe2 else { return nil }
        var descriptors: [Int32] = [-1, -1]
        let status = descriptors.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return pipe2(base, O_CLOEXEC)
        }
        return status == 0 ? (descriptors[0], descriptors[1]) : nil
    }
}

/// Seconds on the monotonic clock (not affected by changes of the wall-clock time).
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// The text of an errno value, e.g. "No such file or directory".
func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return String(cString: text)
}
