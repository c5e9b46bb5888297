using System.Text;

namespace Repro.Unit.Build;

/// <summary>The ELF edit that makes TorchSharp load on Debian 12 (build/ElfWeakVersionTask.cs).</summary>
public class ElfWeakVersionTests
{
    [Test]
    public void MarkWeak_SetsWeakFlagOnlyOnTheNamedVersion()
    {
        var elf = TinyElf.WithVersionNeeds("libstdc++.so.6", "GLIBCXX_3.4.30", "GLIBCXX_3.4.32");

        ElfVersions.MarkWeak(elf, "GLIBCXX_3.4.32").Should().Be(1);

        var needed = ElfVersions.NeededVersions(elf);
        needed.Single(n => n.Name == "GLIBCXX_3.4.32").IsWeak.Should().BeTrue();
        needed.Single(n => n.Name == "GLIBCXX_3.4.30").IsWeak.Should().BeFalse();
        needed.Should().OnlyContain(n => n.File == "libstdc++.so.6");
    }

    [Test]
    public void MarkWeak_SecondTime_ChangesNothing()
    {
        var elf = TinyElf.WithVersionNeeds("libstdc++.so.6", "GLIBCXX_3.4.32");
        ElfVersions.MarkWeak(elf, "GLIBCXX_3.4.32");
        var once = (byte[])elf.Clone();

        ElfVersions.MarkWeak(elf, "GLIBCXX_3.4.32").Should().Be(0);
        elf.Should().Equal(once);
    }

    [Test]
    public void MarkWeak_ChangesExactlyTheFlagBytes()
    {
        var elf = TinyElf.WithVersionNeeds("libstdc++.so.6", "GLIBCXX_3.4.32");
        var before = (byte[])elf.Clone();

        ElfVersions.MarkWeak(elf, "GLIBCXX_3.4.32");

        var changed = Enumerable.Range(0, elf.Length).Where(i => elf[i] != before[i]).ToList();
        changed.Should().ContainSingle().Which.Should().Be((int)ElfVersions.NeededVersions(before).Single().FlagsOffset);
    }

    [Test]
    public void DefinedVersions_ReadsVerdefNames()
    {
        var elf = TinyElf.WithVersionDefinitions("GLIBCXX_3.4", "GLIBCXX_3.4.30");
        ElfVersions.DefinedVersions(elf).Should().BeEquivalentTo(new[] { "GLIBCXX_3.4", "GLIBCXX_3.4.30" });
    }

    [Test]
    public void NeededVersions_NotAnElf_ThrowsNamingTheProblem()
    {
        var act = () => ElfVersions.NeededVersions(Encoding.ASCII.GetBytes(new string('x', 128)));
        act.Should().Throw<InvalidDataException>().WithMessage("*ELF magic*");
    }

    [Test]
    public void NeededVersions_TruncatedFile_ThrowsNamingTheOffset()
    {
        var elf = TinyElf.WithVersionNeeds("libstdc++.so.6", "GLIBCXX_3.4.32");
        var truncated = elf.Take(elf.Length - 40).ToArray();
        var act = () => ElfVersions.NeededVersions(truncated);
        act.Should().Throw<InvalidDataException>().WithMessage("*outside the*file*");
    }

    [Test]
    public void PatchFileInPlace_WritesAtomicallyAndLeavesNoTemporaryFile()
    {
        var dir = Directory.CreateTempSubdirectory("elf-");
        try
        {
            var path = Path.Combine(dir.FullName, "libLibTorchSharp.so");
            File.WriteAllBytes(path, TinyElf.WithVersionNeeds("libstdc++.so.6", "GLIBCXX_3.4.32"));

            ElfVersions.PatchFileInPlace(path, "GLIBCXX_3.4.32").Should().BeTrue();
            ElfVersions.PatchFileInPlace(path, "GLIBCXX_3.4.32").Should().BeFalse();

            ElfVersions.NeededVersions(File.ReadAllBytes(path)).Single().IsWeak.Should().BeTrue();
            Directory.GetFiles(dir.FullName).Should().ContainSingle();
        }
        finally { dir.Delete(recursive: true); }
    }

    [Test]
    public void RealTorchSharpNative_InBuildOutput_IsWeakExactlyWhenTheSystemLacksTheVersion()
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var system = ElfVersions.FindSystemLibStdCxx();
        if (!File.Exists(native) || system is null) Assert.Ignore("not a linux-x64 build with a system libstdc++");
        var needs = ElfVersions.NeededVersions(File.ReadAllBytes(native)).Where(n => n.Name == "GLIBCXX_3.4.32").ToList();
        if (needs.Count == 0) Assert.Ignore("this TorchSharp build does not need GLIBCXX_3.4.32");

        bool systemHasIt = ElfVersions.DefinedVersions(File.ReadAllBytes(system)).Contains("GLIBCXX_3.4.32");

        needs.Should().OnlyContain(n => n.IsWeak != systemHasIt,
            systemHasIt ? "a system libstdc++ with the version must leave the library untouched" : "the build must mark the missing version weak");
    }
}
