using Repro.Harness;
using Repro.Training;

namespace Repro.Unit.Harness;

public class TrainingProcedureTests
{
    [Test]
    public void Describe_SettingsOfBeforeTheFastRecipe_TextUnchanged()
    {
        // The text every cached model of the paper, mini and smoke profiles was keyed by: the fast recipe's settings
        // (Nesterov, precision, channels-last) must not show in it while they keep their defaults.
        TrainingProcedure.Describe(new TrainingSettings(), "ce")
            .Should().Be("train(ce;epochs=200;batch=128;lr=0.1;momentum=0.9;wd=0.0005;schedule=cosine;warmup=0;augment=1)");
    }

    [Test]
    public void Describe_FastRecipe_NamesEveryFastSetting()
    {
        var fast = new TrainingSettings { Nesterov = true, Schedule = "linear", Precision = TrainingPrecision.TensorFloat32, ChannelsLast = true };

        TrainingProcedure.Describe(fast, "ce").Should().EndWith(";schedule=linear;warmup=0;augment=1;nesterov=1;precision=TensorFloat32;channels-last=1)");
    }
}
