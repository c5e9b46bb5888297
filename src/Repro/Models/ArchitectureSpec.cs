namespace Repro.Models;

/// <summary>
/// A pure description of an architecture: enough to build it, and a canonical text that goes into
/// every recipe hash (two specs that describe the same network must describe it identically).
/// </summary>
public abstract record ArchitectureSpec
{
    /// <summary>The name the paper uses ("ResNet50", "MobileNetV2", ...), shown in tables.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Canonical, stable description: family and every hyper-parameter, e.g. "ResNet(bottleneck;3-4-6-3;w64;stem1)".</summary>
    public abstract string Describe();

    /// <summary>
    /// A freshly initialised network taking [0, 1] pixels of the given shape; with <paramref name="seed"/>, its
    /// initial weights are a function of the seed alone, whatever else the process builds at the same time.
    /// </summary>
    public Classifier Create(InputShape input, int classes, int? seed = null) =>
        OwnTensors(GlobalGenerator.Construct(seed, () => Build(input, classes)));

    /// <summary>
    /// Takes the model's parameters and buffers out of whatever dispose scope the caller has open: a model outlives the
    /// scope it is built in (a cached model built lazily inside a caller's scope was otherwise freed when that scope ended).
    /// </summary>
    static Classifier OwnTensors(Classifier model)
    {
        foreach (var parameter in model.parameters()) parameter.DetachFromDisposeScope();
        foreach (var (_, buffer) in model.named_buffers(include_nonpersistent: true)) buffer.DetachFromDisposeScope();
        return model;
    }

    /// <summary>Builds the network; runs under <see cref="GlobalGenerator"/>'s lock.</summary>
    protected abstract Classifier Build(InputShape input, int classes);

    public sealed override string ToString() => Describe();
}

/// <summary>Channels, height and width of the images a model takes, and the normalisation it applies inside.</summary>
public sealed record InputShape(int Channels, int Height, int Width, float[] Mean, float[] Std)
{
    public static InputShape Cifar10 { get; } = new(3, 32, 32, InputNormalization.Cifar10Mean, InputNormalization.Cifar10Std);
    public static InputShape ImageNet { get; } = new(3, 224, 224, InputNormalization.ImageNetMean, InputNormalization.ImageNetStd);

    public int Dimension => Channels * Height * Width;

    public string Describe() =>
        $"{Channels}x{Height}x{Width};mean={string.Join(",", Mean.Select(F))};std={string.Join(",", Std.Select(F))}";

    static string F(float v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public bool Equals(InputShape? other) => other is not null && Describe() == other.Describe();
    public override int GetHashCode() => Describe().GetHashCode();
}
