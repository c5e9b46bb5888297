namespace Repro.Data;

/// <summary>Which of the places <see cref="DatasetLocator"/> searches, in its order, supplied the data.</summary>
public enum DatasetOrigin
{
    ExplicitPath,
    EnvironmentPath,
    Cache,
    Download,
}
