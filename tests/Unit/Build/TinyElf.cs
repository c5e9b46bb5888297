using System.Text;

namespace Repro.Unit.Build;

/// <summary>
/// Writes minimal ELF64 little-endian files with a .gnu.version_r or .gnu.version_d section, laid out
/// as the ELF gABI and the GNU symbol-versioning extension specify, to test the patcher on known bytes.
/// </summary>
static class TinyElf
{
    const uint ShtStrtab = 3, ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe;

    public static byte[] WithVersionNeeds(string file, params string[] versions)
    {
        var strings = new StringTable();
        uint fileName = strings.Add(file);
        var names = versions.Select(strings.Add).ToArray();
        var section = new List<byte>();
        // Verneed: vn_version, vn_cnt, vn_file, vn_aux (16: right after), vn_next (0: last)
        section.AddRange(U16(1)); section.AddRange(U16((ushort)versions.Length)); section.AddRange(U32(fileName));
        section.AddRange(U32(16)); section.AddRange(U32(0));
        for (int i = 0; i < versions.Length; i++)
        {
            // Vernaux: vna_hash, vna_flags, vna_other, vna_name, vna_next
            section.AddRange(U32(0x1234u + (uint)i)); section.AddRange(U16(0)); section.AddRange(U16((ushort)(2 + i)));
            section.AddRange(U32(names[i])); section.AddRange(U32(i == versions.Length - 1 ? 0u : 16u));
        }
        return Build(ShtGnuVerneed, section.ToArray(), 1, strings.Bytes());
    }

    public static byte[] WithVersionDefinitions(params string[] versions)
    {
        var strings = new StringTable();
        var names = versions.Select(strings.Add).ToArray();
        var section = new List<byte>();
        for (int i = 0; i < versions.Length; i++)
        {
            // Verdef: vd_version, vd_flags, vd_ndx, vd_cnt, vd_hash, vd_aux (20), vd_next (28 or 0); then Verdaux: vda_name, vda_next
            section.AddRange(U16(1)); section.AddRange(U16(0)); section.AddRange(U16((ushort)(i + 1))); section.AddRange(U16(1));
            section.AddRange(U32(0)); section.AddRange(U32(20)); section.AddRange(U32(i == versions.Length - 1 ? 0u : 28u));
            section.AddRange(U32(names[i])); section.AddRange(U32(0));
        }
        return Build(ShtGnuVerdef, section.ToArray(), (uint)versions.Length, strings.Bytes());
    }

    static byte[] Build(uint versionType, byte[] versionSection, uint entries, byte[] strtab)
    {
        const int headerSize = 64, sectionHeaderSize = 64;
        long strtabOffset = headerSize, versionOffset = strtabOffset + strtab.Length;
        long shoff = versionOffset + versionSection.Length;
        var bytes = new byte[shoff + 3 * sectionHeaderSize];
        bytes[0] = 0x7f; bytes[1] = (byte)'E'; bytes[2] = (byte)'L'; bytes[3] = (byte)'F';
        bytes[4] = 2; bytes[5] = 1; bytes[6] = 1;
        Put(bytes, 0x10, U16(3)); Put(bytes, 0x12, U16(62)); Put(bytes, 0x14, U32(1));
        Put(bytes, 0x28, U64((ulong)shoff)); Put(bytes, 0x34, U16(headerSize));
        Put(bytes, 0x3A, U16(sectionHeaderSize)); Put(bytes, 0x3C, U16(3)); Put(bytes, 0x3E, U16(0));
        strtab.CopyTo(bytes, strtabOffset);
        versionSection.CopyTo(bytes, versionOffset);
        // section 0 is the null section; 1 the string table; 2 the version section linking to 1
        SectionHeader(bytes, shoff + sectionHeaderSize, ShtStrtab, strtabOffset, strtab.Length, 0, 0);
        SectionHeader(bytes, shoff + 2 * sectionHeaderSize, versionType, versionOffset, versionSection.Length, 1, entries);
        return bytes;
    }

    static void SectionHeader(byte[] b, long at, uint type, long offset, long size, uint link, uint info)
    {
        Put(b, at + 4, U32(type)); Put(b, at + 24, U64((ulong)offset)); Put(b, at + 32, U64((ulong)size));
        Put(b, at + 40, U32(link)); Put(b, at + 44, U32(info));
    }

    static void Put(byte[] b, long at, byte[] value) => value.CopyTo(b, at);
    static byte[] U16(ushort v) => BitConverter.GetBytes(v);
    static byte[] U32(uint v) => BitConverter.GetBytes(v);
    static byte[] U64(ulong v) => BitConverter.GetBytes(v);

    sealed class StringTable
    {
        readonly List<byte> bytes = new() { 0 };
        public uint Add(string s)
        {
            uint offset = (uint)bytes.Count;
            bytes.AddRange(Encoding.ASCII.GetBytes(s));
            bytes.Add(0);
            return offset;
        }
        public byte[] Bytes() => bytes.ToArray();
    }
}
