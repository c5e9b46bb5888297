namespace Repro.Data;

/// <summary>The on-disk forms of CIFAR-10 that <see cref="DatasetLocator"/> recognises.</summary>
public enum DatasetLayout
{
    /// <summary>A folder with train/&lt;class&gt;/&lt;image&gt; and test/&lt;class&gt;/&lt;image&gt;.</summary>
    ImageFolders,

    /// <summary>A .zip holding the same layout (as the embedded slice does).</summary>
    ImageFolderZip,

    /// <summary>The official binary batches, extracted (cifar-10-batches-bin/).</summary>
    BinaryFolder,

    /// <summary>The official cifar-10-binary.tar.gz itself, read without extracting.</summary>
    BinaryArchive,
}
