namespace Repro.Data;

/// <summary>Facts about CIFAR-10 (Krizhevsky, "Learning Multiple Layers of Features from Tiny Images", 2009).</summary>
public static class Cifar10
{
    /// <summary>Label index = position: the order of the official batches.meta.txt and of torchvision.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public const int ImageSide = 32;

    public static ImageSizing Sizing { get; } = new ImageSizing.Exact(ImageSide, ImageSide);

    /// <summary>
    /// The official binary release. The SHA-256 and size are those TensorFlow Datasets pins in
    /// tensorflow/datasets:tensorflow_datasets/url_checksums/cifar10.txt (170052171 bytes); the dataset
    /// authors' page publishes only an MD5 for this file, c32a1d4ab5d03f1284b67883e8d87530, which
    /// independent records list alongside this same SHA-256 and size.
    /// </summary>
    public static RemoteArchive OfficialBinaryArchive { get; } = new(
        new Uri("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
        "cifar-10-binary.tar.gz",
        "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
        170_052_171);
}
