namespace Repro.Data;

/// <summary>
/// The CIFAR-10 slice committed at src/Repro/Data/Embedded/cifar10-slice.zip (1000 training and 100 test
/// images per class; see the README beside it) and copied to every build output as data/cifar10-slice.zip:
/// the data of the mini and smoke profiles, present on any machine, online or not.
/// </summary>
public static class EmbeddedSlice
{
    public const string FileName = "cifar10-slice.zip";
    public const int TrainPerClass = 1000;
    public const int TestPerClass = 100;

    /// <summary>The seed the committed slice was drawn with (<see cref="EmbeddedSliceBuilder"/>).</summary>
    public const int Seed = 2023;

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "data", FileName);

    /// <summary>One split of the slice as [N, 3, 32, 32] floats in [0, 1], labels in CIFAR-10 order.</summary>
    public static LabeledImages Load(DataSplit split, int? limitPerClass = null) =>
        ImageFolderReader.Read(RequirePath(), Cifar10.Sizing, Cifar10.ClassNames, split.FolderName(), limitPerClass);

    public static SliceManifest ReadManifest() => SliceManifest.Read(RequirePath());

    private static string RequirePath()
    {
        string path = Path;
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The embedded CIFAR-10 slice is missing: expected '{path}'. It is committed as src/Repro/Data/Embedded/{FileName} " +
                "and copied to the build output by src/Repro/Repro.csproj: rebuild (dotnet build). If the committed file itself is gone, " +
                $"recreate it from CIFAR-10 image folders with EmbeddedSliceBuilder.Build(<cifar10 folder>, <zip>, {TrainPerClass}, {TestPerClass}, {Seed}) " +
                "(the `repro data slice` command).", path);
        return path;
    }
}
