namespace Repro.Profiles;

/// <summary>Where a profile reads CIFAR-10 from.</summary>
public enum DataSource
{
    /// <summary>The full data set, found through --data, REPRO_DATA or the user cache (Data.DatasetLocator).</summary>
    Discover,
    /// <summary>The slice committed in the repository (Data/Embedded): any machine, offline.</summary>
    Embedded,
}
