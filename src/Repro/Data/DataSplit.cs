namespace Repro.Data;

/// <summary>Which half of a data set: the folder name is also the zip entry prefix and the binary batch set.</summary>
public enum DataSplit
{
    Train,
    Test,
}

public static class DataSplitExtensions
{
    /// <summary>"train" or "test": the sub-folder (or zip entry prefix) in the ImageFolder layout.</summary>
    public static string FolderName(this DataSplit split) => split switch
    {
        DataSplit.Train => "train",
        DataSplit.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split"),
    };
}
