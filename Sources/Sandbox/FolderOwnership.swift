import Glibc

/// Handing a working folder to the sandbox user and back, without ever following a symbolic
/// link the program may have planted (a link to /etc/shadow stays a link; its target is untouched).
enum FolderOwnership {
    /// Owner and mode of a folder before the run, to restore afterwards.
    struct Original {
        let userID: uid_t
        let groupID: gid_t
        let mode: mode_t
    }

    /// The folder's owner and mode, or nil when `path` is not a folder.
    static func original(of path: String) -> Original? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return Original(userID: info.st_uid, groupID: info.st_gid, mode: info.st_mode & 0o7777)
    }

    /// Gives `path` and everything below it to `userID`:`groupID` (links themselves, not
    /// their targets) and sets the folder's own mode to `mode`.
    static func change(_ path: String, userID: uid_t, groupID: gid_t, mode: mode_t) throws(SandboxError) {
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { throw .ownershipChangeFailed(path: path, reason: errnoText(errno)) }
        defer { close(folder) }
        guard fchown(folder, userID, groupID) == 0, fchmod(folder, mode) == 0 else {
            throw .ownershipChangeFailed(path: path, reason: errnoText(errno))
        }
        try changeEntries(of: folder, path: path, userID: userID, groupID: groupID)
    }

    /// Recursively chowns the entries of the open folder `folder` (its path for messages).
    private static func changeEntries(of folder: Int32, path: String, userID: uid_t, groupID: gid_t) throws(SandboxError) {
        let listing = dup(folder)
        guard listing >= 0, let stream = fdopendir(listing) else {
            throw .ownershipChangeFailed(path: path, reason: errnoText(errno))
        }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            guard fchownat(folder, name, userID, groupID, AT_SYMLINK_NOFOLLOW) == 0 else {
                if errno == ENOENT { continue }
                throw .ownershipChangeFailed(path: path + "/" + name, reason: errnoText(errno))
            }
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if child >= 0 {
                defer { close(child) }
                try changeEntries(of: child, path: path + "/" + name, userID: userID, groupID: groupID)
            }
        }
    }
}
