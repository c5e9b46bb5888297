using System.IO.Compression;
using System.Security.Cryptography;
using Repro.Data;

namespace Repro.Unit.Data;

public class SliceManifestTests
{
    private static string WriteZip(TempFolder folder, byte[] image, string listedHash, bool extraEntry = false)
    {
        string zip = folder.Combine("slice.zip");
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
        Add(archive, "test/cat/00000.png", image);
        if (extraEntry) Add(archive, "test/cat/00001.png", image);
        var manifest = new SliceManifest([new SliceManifest.Entry("test/cat/00000.png", "test/cat/00000.png", listedHash)]);
        Add(archive, SliceManifest.FileName, System.Text.Encoding.UTF8.GetBytes(manifest.Format()));
        return zip;
    }

    private static void Add(ZipArchive archive, string name, byte[] bytes)
    {
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(bytes);
    }

    [Test]
    public void FormatThenParse_RoundTrips()
    {
        var manifest = new SliceManifest([new SliceManifest.Entry("train/a/1.jpg", "train/a/1.jpg", new string('a', 64))]);

        SliceManifest.Parse(manifest.Format(), "m").Entries.Should().Equal(manifest.Entries);
        manifest.Format().Should().Be($"entry\tsource\tsha256\ntrain/a/1.jpg\ttrain/a/1.jpg\t{new string('a', 64)}\n");
    }

    [Test]
    public void Verify_TamperedEntry_ThrowsNamingEntryAndBothHashes()
    {
        using var folder = new TempFolder();
        byte[] image = [1, 2, 3];
        string zip = WriteZip(folder, image, new string('0', 64));

        var verify = () => SliceManifest.Verify(zip);

        verify.Should().Throw<InvalidDataException>()
            .WithMessage($"*test/cat/00000.png' has SHA-256 {Convert.ToHexStringLower(SHA256.HashData(image))}; MANIFEST.tsv expects {new string('0', 64)}");
    }

    [Test]
    public void Verify_UnlistedEntry_Throws()
    {
        using var folder = new TempFolder();
        byte[] image = [1, 2, 3];
        string zip = WriteZip(folder, image, Convert.ToHexStringLower(SHA256.HashData(image)), extraEntry: true);

        var verify = () => SliceManifest.Verify(zip);

        verify.Should().Throw<InvalidDataException>().WithMessage("*00001.png' is not listed in MANIFEST.tsv");
    }

    [Test]
    public void Parse_MissingHeader_ThrowsNamingTheFile()
    {
        var parse = () => SliceManifest.Parse("a\tb\tc\n", "x.zip!MANIFEST.tsv");

        parse.Should().Throw<InvalidDataException>().WithMessage("'x.zip!MANIFEST.tsv' does not start with the header line*");
    }
}
