namespace Repro.Profiles;

/// <summary>
/// The paper's protocol at the paper's scale: full CIFAR-10, ResNet50 server trained 200 epochs,
/// 1000 attacked test samples, 5 seeds, 4000-query P-RGF. Every default in the settings records is
/// this profile's value; it deviates from nothing. Runs on a GPU runner (Category "Gpu").
/// </summary>
public static class PaperProfile
{
    public static Profile Create() => new()
    {
        Name = "paper",
        Summary = "The paper's scale: full CIFAR-10, ResNet50 server (200 epochs), 1000 samples, 5 seeds, 4000 queries.",
        RequiresGpu = true,
    };
}
