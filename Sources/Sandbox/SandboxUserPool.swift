import Glibc
import Synchronization

/// The unprivileged user ids programs run as: one id per concurrent run, so `RLIMIT_NPROC`
/// counts only that run's processes and the sweep "kill everything of this uid" touches
/// nothing else. Ids need no `/etc/passwd` entry; the group id equals the user id.
///
/// A run leases an id by taking an exclusive `flock` on `<lockDirectory>/uid-<id>.lock`, so
/// concurrent runs in one grader or in several graders on the machine never share an id, and
/// a crashed grader's leases free themselves.
public struct SandboxUserPool: Sendable, Equatable {
    /// The first user id of the pool; > 0. Default 64200 (Debian leaves 60000-64999 unused
    /// unless a package asks for one).
    public var firstUserID: UInt32
    /// How many consecutive ids the pool holds; > 0. Default 256, more than any `--jobs`.
    public var count: Int
    /// Folder of the lock files; created with mode 0700, must belong to root.
    public var lockDirectory: String

    public init(firstUserID: UInt32 = 64200, count: Int = 256, lockDirectory: String = "/run/matgrade-sandbox") {
        self.firstUserID = firstUserID
        self.count = count
        self.lockDirectory = lockDirectory
    }

    /// Every id of the pool.
    public var userIDs: ClosedRange<UInt32> { firstUserID...(firstUserID + UInt32(max(1, count)) - 1) }
}

/// A leased user id; ``release(clean:)`` must be called once.
final class UserLease {
    let userID: UInt32
    /// True when the previous holder did not finish cleanly (its grader crashed mid-run), so
    /// processes of this id may still be running and must be swept before use.
    let previousHolderCrashed: Bool
    private let descriptor: Int32

    private init(userID: UInt32, descriptor: Int32, previousHolderCrashed: Bool) {
        self.userID = userID
        self.descriptor = descriptor
        self.previousHolderCrashed = previousHolderCrashed
    }

    /// Takes a free id of `pool`, waiting (in 10 ms steps) while every id is busy.
    static func acquire(from pool: SandboxUserPool) throws(SandboxError) -> UserLease {
        try prepareDirectory(pool.lockDirectory)
        let ids = Array(pool.userIDs)
        while true {
            let offset = Int(nextOffset.wrappingAdd(1, ordering: .relaxed).newValue % UInt(ids.count))
            for step in 0..<ids.count {
                let userID = ids[(offset + step) % ids.count]
                let path = "\(pool.lockDirectory)/uid-\(userID).lock"
                let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
                guard descriptor >= 0 else {
                    throw .userPoolUnusable(path: path, reason: errnoText(errno))
                }
                if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                    var info = stat()
                    fstat(descriptor, &info)
                    let marker = "running\n"
                    _ = pwrite(descriptor, marker, marker.utf8.count, 0)
                    return UserLease(userID: userID, descriptor: descriptor, previousHolderCrashed: info.st_size > 0)
                }
                close(descriptor)
            }
            usleep(10_000)
        }
    }

    /// Frees the id. `clean` records that no process of this id is left running.
    func release(clean: Bool) {
        if clean { _ = ftruncate(descriptor, 0) }
        close(descriptor)
    }

    private static let nextOffset = Atomic<UInt>(0)

    private static func prepareDirectory(_ path: String) throws(SandboxError) {
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw .userPoolUnusable(path: path, reason: errnoText(errno))
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw .userPoolUnusable(path: path, reason: errnoText(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid(), info.st_mode & 0o077 == 0 else {
            throw .userPoolUnusable(path: path, reason: "owner uid \(info.st_uid), mode \(String(info.st_mode & 0o7777, radix: 8))")
        }
    }
}
