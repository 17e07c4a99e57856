using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KcmCompose.IO;

/// <summary>The type of a file system entry, from the <c>S_IFMT</c> bits of its mode.</summary>
internal enum UnixFileType
{
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    SymbolicLink,
    Unknown,
}

/// <summary>
/// What <c>stat</c> tells about a file and .NET does not: its type (a FIFO or a device looks like an ordinary file to
/// <see cref="FileInfo"/>), owner and group. Linux only, through <c>statx</c>, whose layout is the same on every
/// architecture.
/// </summary>
internal readonly record struct UnixFileStatus(UnixFileType Type, uint Uid, uint Gid, ulong Size, long ModifiedSeconds, uint ModifiedNanoseconds, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    /// <summary>Whether this system answers <see cref="Of(string)"/>: Linux with a C library that has <c>statx</c>.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>The status of <paramref name="path"/>, following symbolic links; throws like <see cref="File"/> when it cannot be had.</summary>
    public static UnixFileStatus Of(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), path);
        }

        return Parse(buffer);
    }

    /// <summary>The status of the open file <paramref name="handle"/>.</summary>
    public static UnixFileStatus Of(SafeFileHandle handle, string path)
    {
        var buffer = new byte[256];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxBasicStats, buffer) != 0)
            {
                throw Error(Marshal.GetLastPInvokeError(), path);
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return Parse(buffer);
    }

    /// <summary>Opens <paramref name="path"/> for reading without blocking on a FIFO that has no writer.</summary>
    public static SafeFileHandle OpenForReading(string path)
    {
        var fd = Open(path, ORdOnly | ONonBlock | OCloExec);
        if (fd < 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), path);
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Sets the owner and group of <paramref name="path"/> (not following a final symbolic link).</summary>
    public static void SetOwner(string path, uint uid, uint gid)
    {
        if (Lchown(path, uid, gid) != 0)
        {
            throw Error(Marshal.GetLastPInvokeError(), path);
        }
    }

    /// <summary>A short name for the type, as a sentence would use it.</summary>
    public static string Describe(UnixFileType type) => type switch
    {
        UnixFileType.Directory => "a folder",
        UnixFileType.Fifo => "a FIFO (named pipe)",
        UnixFileType.CharacterDevice => "a character device",
        UnixFileType.BlockDevice => "a block device",
        UnixFileType.Socket => "a socket",
        UnixFileType.SymbolicLink => "a symbolic link",
        UnixFileType.Regular => "a regular file",
        _ => "not a regular file",
    };

    private static UnixFileStatus Parse(byte[] buffer)
    {
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        var type = (mode & 0xF000) switch
        {
            0x8000 => UnixFileType.Regular,
            0x4000 => UnixFileType.Directory,
            0x1000 => UnixFileType.Fifo,
            0x2000 => UnixFileType.CharacterDevice,
            0x6000 => UnixFileType.BlockDevice,
            0xC000 => UnixFileType.Socket,
            0xA000 => UnixFileType.SymbolicLink,
            _ => UnixFileType.Unknown,
        };
        return new UnixFileStatus(
            type,
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(24)),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(40)),
            BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(112)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(120)),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32)));
    }

    private static bool Probe()
    {
        if (!BitConverter.IsLittleEndian)
        {
            return false;
        }

        try
        {
            return Statx(AtFdCwd, "/", 0, StatxBasicStats, new byte[256]) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    private static Exception Error(int errno, string path)
    {
        var message = $"'{path}': {Marshal.GetPInvokeErrorMessage(errno)}";
        return errno switch
        {
            1 or 13 => new UnauthorizedAccessException(message),
            2 => new FileNotFoundException(message, path),
            20 => new DirectoryNotFoundException(message),
            _ => new IOException(message),
        };
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for the whole library.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "open", SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Lchown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
#pragma warning restore SYSLIB1054
}
