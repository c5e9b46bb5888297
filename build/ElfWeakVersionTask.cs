// Marks one missing GLIBCXX symbol version as weak in a copy of libLibTorchSharp.so, so that
// TorchSharp loads on distributions whose libstdc++ predates GCC 13 (Debian 12: ENVIRONMENT.md).
// This one file is both the MSBuild task (RoslynCodeTaskFactory compiles a single source file)
// and the pure ELF logic that tests/Unit compiles with REPRO_ELF_ONLY defined.
// MSBuild compiles it against netstandard2.0: no records, init-only setters or newer BCL APIs.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

#if !REPRO_ELF_ONLY
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ElfWeakVersionTask : Task
{
    /// <summary>Files to patch (copies in the build or publish output, never the NuGet cache).</summary>
    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The symbol version that the system libstdc++ may lack.</summary>
    [Required] public string Version { get; set; } = "";

    /// <summary>Optional explicit system libstdc++ path; otherwise the usual multiarch locations are probed.</summary>
    public string SystemLibStdCxx { get; set; } = "";

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;
        var system = string.IsNullOrEmpty(SystemLibStdCxx) ? ElfVersions.FindSystemLibStdCxx() : SystemLibStdCxx;
        if (system is null)
        {
            Log.LogMessage(MessageImportance.Low, "No system libstdc++.so.6 found; TorchSharp native libraries left untouched.");
            return true;
        }
        if (ElfVersions.DefinedVersions(File.ReadAllBytes(system)).Contains(Version))
        {
            Log.LogMessage(MessageImportance.Low, $"{system} defines {Version}; no patch needed.");
            return true;
        }
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                if (ElfVersions.PatchFileInPlace(path, Version))
                    Log.LogMessage(MessageImportance.High, $"Marked {Version} weak in {path} ({system} lacks it).");
            }
            catch (InvalidDataException e)
            {
                Log.LogError($"Cannot patch '{path}': {e.Message}");
                return false;
            }
        }
        return true;
    }
}
#endif

/// <summary>Reads and edits the GNU symbol-versioning sections of ELF64 little-endian files.</summary>
public static class ElfVersions
{
    public const ushort VerFlagWeak = 0x2;
    const uint ShtGnuVerdef = 0x6ffffffd;
    const uint ShtGnuVerneed = 0x6ffffffe;

    public static readonly string[] SystemLibStdCxxCandidates =
    {
        "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    public static string? FindSystemLibStdCxx()
    {
        foreach (var candidate in SystemLibStdCxxCandidates)
            if (File.Exists(candidate)) return candidate;
        return null;
    }

    /// <summary>One needed version: the library it comes from, its name and its flags.</summary>
    public readonly struct NeededVersion
    {
        public NeededVersion(string file, string name, ushort flags, long flagsOffset)
        {
            File = file; Name = name; Flags = flags; FlagsOffset = flagsOffset;
        }
        public string File { get; }
        public string Name { get; }
        public ushort Flags { get; }
        /// <summary>Byte offset of vna_flags in the file.</summary>
        public long FlagsOffset { get; }
        public bool IsWeak => (Flags & VerFlagWeak) != 0;
    }

    /// <summary>Version names a library defines (its .gnu.version_d), e.g. GLIBCXX_3.4.30.</summary>
    public static HashSet<string> DefinedVersions(byte[] elf)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sections = Sections(elf);
        foreach (var section in sections)
        {
            if (section.Type != ShtGnuVerdef) continue;
            var strtab = sections[(int)section.Link];
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                CheckRange(elf, entry, 20, "Verdef entry");
                ushort count = U16(elf, entry + 6);
                long aux = entry + U32(elf, entry + 12);
                for (int j = 0; j < count; j++)
                {
                    CheckRange(elf, aux, 8, "Verdaux entry");
                    names.Add(ReadString(elf, strtab.Offset + U32(elf, aux)));
                    uint nextAux = U32(elf, aux + 4);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = U32(elf, entry + 16);
                if (next == 0) break;
                entry += next;
            }
        }
        return names;
    }

    /// <summary>Every version a library needs from others (its .gnu.version_r).</summary>
    public static List<NeededVersion> NeededVersions(byte[] elf)
    {
        var needed = new List<NeededVersion>();
        var sections = Sections(elf);
        foreach (var section in sections)
        {
            if (section.Type != ShtGnuVerneed) continue;
            var strtab = sections[(int)section.Link];
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                CheckRange(elf, entry, 16, "Verneed entry");
                ushort count = U16(elf, entry + 2);
                string file = ReadString(elf, strtab.Offset + U32(elf, entry + 4));
                long aux = entry + U32(elf, entry + 8);
                for (int j = 0; j < count; j++)
                {
                    CheckRange(elf, aux, 16, "Vernaux entry");
                    needed.Add(new NeededVersion(file, ReadString(elf, strtab.Offset + U32(elf, aux + 8)), U16(elf, aux + 4), aux + 4));
                    uint nextAux = U32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                uint next = U32(elf, entry + 12);
                if (next == 0) break;
                entry += next;
            }
        }
        return needed;
    }

    /// <summary>Sets VER_FLG_WEAK on every needed entry named <paramref name="version"/>; returns how many changed.</summary>
    public static int MarkWeak(byte[] elf, string version)
    {
        int changed = 0;
        foreach (var need in NeededVersions(elf))
        {
            if (need.Name != version || need.IsWeak) continue;
            ushort flags = (ushort)(need.Flags | VerFlagWeak);
            elf[need.FlagsOffset] = (byte)flags;
            elf[need.FlagsOffset + 1] = (byte)(flags >> 8);
            changed++;
        }
        return changed;
    }

    /// <summary>Patches a file through a temporary copy and an atomic rename; false when nothing needed changing.</summary>
    public static bool PatchFileInPlace(string path, string version)
    {
        var bytes = File.ReadAllBytes(path);
        if (MarkWeak(bytes, version) == 0) return false;
        var temp = path + ".weak-version.tmp";
        File.WriteAllBytes(temp, bytes);
        // Rename over the original so a crash never leaves a half-written library behind.
        if (File.Exists(path)) File.Replace(temp, path, null);
        else File.Move(temp, path);
        return true;
    }

    readonly struct Section
    {
        public Section(uint type, long offset, long size, uint link, uint info)
        {
            Type = type; Offset = offset; Size = size; Link = link; Info = info;
        }
        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public uint Link { get; }
        public uint Info { get; }
    }

    static List<Section> Sections(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file (missing \\x7fELF magic)");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"expected a 64-bit little-endian ELF, found class {elf[4]} and data encoding {elf[5]}");
        long shoff = (long)U64(elf, 0x28);
        ushort shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
        if (shentsize != 64) throw new InvalidDataException($"expected 64-byte section headers, found {shentsize}");
        CheckRange(elf, shoff, (long)shnum * shentsize, "section header table");
        var sections = new List<Section>(shnum);
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + (long)i * shentsize;
            var s = new Section(U32(elf, h + 4), (long)U64(elf, h + 24), (long)U64(elf, h + 32), U32(elf, h + 40), U32(elf, h + 44));
            if (s.Type == ShtGnuVerdef || s.Type == ShtGnuVerneed)
            {
                CheckRange(elf, s.Offset, s.Size, "version section");
                if (s.Link >= shnum) throw new InvalidDataException($"version section links to string table {s.Link}, but there are only {shnum} sections");
            }
            sections.Add(s);
        }
        return sections;
    }

    static void CheckRange(byte[] elf, long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset + length > elf.Length)
            throw new InvalidDataException($"{what} at offset {offset} (+{length} bytes) lies outside the {elf.Length}-byte file (truncated?)");
    }

    static string ReadString(byte[] elf, long offset)
    {
        CheckRange(elf, offset, 1, "string");
        long end = offset;
        while (end < elf.Length && elf[end] != 0) end++;
        if (end == elf.Length) throw new InvalidDataException($"unterminated string at offset {offset}");
        return Encoding.ASCII.GetString(elf, (int)offset, (int)(end - offset));
    }

    static ushort U16(byte[] b, long o) => (ushort)(b[o] | b[o + 1] << 8);
    static uint U32(byte[] b, long o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
    static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;
}
