namespace Repro.Data;

/// <summary>Where CIFAR-10 was found, in which layout, and through which search step: printed in run logs and
/// reports so that every number can say which copy of the data it came from.</summary>
public sealed record LocatedDataset(string Path, DatasetLayout Layout, DatasetOrigin Origin)
{
    /// <summary>One split as [N, 3, 32, 32] floats in [0, 1], labels in CIFAR-10's class order.</summary>
    public LabeledImages Load(DataSplit split, int? limitPerClass = null) => Layout switch
    {
        DatasetLayout.ImageFolders or DatasetLayout.ImageFolderZip =>
            ImageFolderReader.Read(Path, Cifar10.Sizing, Cifar10.ClassNames, split.FolderName(), limitPerClass),
        DatasetLayout.BinaryFolder or DatasetLayout.BinaryArchive => Cifar10Binary.Read(Path, split, limitPerClass),
        _ => throw new InvalidOperationException($"unknown layout {Layout}"),
    };

    public override string ToString() => $"CIFAR-10 as {Layout} at '{Path}' (found via {Origin})";
}
