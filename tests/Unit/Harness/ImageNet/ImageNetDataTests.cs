using Repro.Profiles;
using Repro.Unit.Data;
using Repro.Harness.ImageNet;

namespace Repro.Unit.Harness.ImageNet;

public class ImageNetDataTests
{
    [Test]
    public void Load_DecodesOnlyTheAttackedAndHeldOutDraws_AtTheEvaluationSize()
    {
        using var folder = new TempFolder();
        // A validation folder in ImageFolder layout: 3 classes x 5 images of 40x30 pixels.
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < 5; i++)
                folder.Write($"val/n0{c}/{i}.png", TestPng.Rgb(40, 30, (x, y, ch) => (byte)(c * 80 + ch)));
        var settings = new DataSettings { AttackSamples = 4, QueryAttackSamples = 2, ImageNetHeldOut = 6, SampleSeed = 3 };

        var data = ImageNetData.Load(Path.Combine(folder.Path, "val"), settings);

        data.Images.Count.Should().Be(10, "4 attacked + 6 held out, not all 15");
        data.Images.Height.Should().Be(224);
        data.Images.Width.Should().Be(224);
        data.Evaluation.AttackIndices.Should().HaveCount(4).And.OnlyHaveUniqueItems();
        data.HeldOutIndices.Should().HaveCount(6).And.NotIntersectWith(data.Evaluation.AttackIndices);
        data.Evaluation.QueryIndices.Should().HaveCount(2).And.BeSubsetOf(data.Evaluation.AttackIndices);
    }

    [Test]
    public void Load_MoreSamplesThanTheFolderHolds_ThrowsNamingBothSettings()
    {
        using var folder = new TempFolder();
        folder.Write("val/n01/a.png", TestPng.Rgb(8, 8, (x, y, ch) => 1));
        var act = () => ImageNetData.Load(Path.Combine(folder.Path, "val"), new DataSettings { AttackSamples = 2, ImageNetHeldOut = 2 });
        act.Should().Throw<ArgumentException>().WithMessage("*1 images*AttackSamples*ImageNetHeldOut*");
    }
}
