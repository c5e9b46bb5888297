using Repro.Runtime;

namespace Repro.Unit.Runtime;

/// <summary>REPRO_TORCH_LIB's preload reports, library by library, and never throws.</summary>
public class TorchLibraryPreloadTests
{
    [Test]
    public void Load_MissingFolder_FailsSayingWhatTheVariableMustName()
    {
        var result = TorchLibraryPreload.Load("/nonexistent/torch/lib");

        result.Succeeded.Should().BeFalse();
        result.Describe().Should().Be("/nonexistent/torch/lib: the folder does not exist; REPRO_TORCH_LIB must name a libtorch lib folder (e.g. a Python install's torch/lib)");
    }

    [Test]
    public void Load_FolderWithoutLibtorch_NamesTheFirstRequiredLibrary()
    {
        var folder = Directory.CreateTempSubdirectory("torch-lib-");
        try
        {
            var result = TorchLibraryPreload.Load(folder.FullName);

            result.Succeeded.Should().BeFalse();
            result.Lines.Should().Equal("libc10.so absent (required)");
        }
        finally { folder.Delete(recursive: true); }
    }

    [Test]
    public void Load_AFileThatIsNotALibrary_FailsWithTheLoadersMessage()
    {
        var folder = Directory.CreateTempSubdirectory("torch-lib-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "libc10.so"), "not an ELF file");

            var result = TorchLibraryPreload.Load(folder.FullName);

            result.Succeeded.Should().BeFalse();
            result.Lines.Should().ContainSingle().Which.Should().StartWith("libc10.so failed: ");
        }
        finally { folder.Delete(recursive: true); }
    }

    [Test]
    public void Load_TorchSharpsOwnLibtorch_LoadsTheRequiredLibrariesAndSkipsAbsentCudaOnes()
    {
        // The libtorch this process already runs on: loading it again by path is the same library.
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        if (!OperatingSystem.IsLinux() || !File.Exists(Path.Combine(native, "libc10.so"))) Assert.Ignore($"no linux-x64 libtorch in {native}");
        bool cudaBuild = File.Exists(Path.Combine(native, "libtorch_cuda.so"));

        var result = TorchLibraryPreload.Load(native);

        result.Succeeded.Should().BeTrue(result.Describe());
        result.Lines.Should().Contain(new[] { "libc10.so loaded", "libtorch_cpu.so loaded", "libtorch.so loaded" });
        if (!cudaBuild) result.Lines.Should().Contain("libtorch_cuda.so absent");
    }
}
