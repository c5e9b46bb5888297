using Repro.Attacks;
using Repro.Models.Foreign;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

public class EvaluationModeScopeTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    [Test]
    public void Scope_PutsEveryModuleInEvaluationMode_AndRestoresEachOnesFlag()
    {
        using var model = nn.Sequential(("a", nn.Linear(2, 2)), ("b", nn.Sequential(("norm", nn.BatchNorm1d(2)), ("drop", nn.Dropout()))));
        model.train();
        var inner = model.children().ElementAt(1);
        var dropout = inner.children().ElementAt(1);
        dropout.eval();   // a module the caller left in evaluation mode stays there

        using (EvaluationModeScope.Enter(model))
            model.modules().Prepend(model).Should().OnlyContain(m => !m.training);

        model.training.Should().BeTrue();
        inner.training.Should().BeTrue();
        dropout.training.Should().BeFalse();
    }

    [Test]
    public void Scope_OnATorchScriptModel_SetsAndRestoresTheScriptModulesWholeTree()
    {
        using var model = TorchScriptClassifier.Load(Fixture("tiny.pt"));
        model.train();
        var script = model.children().OfType<jit.ScriptModule>().Single();

        using (EvaluationModeScope.Enter(model))
        {
            model.training.Should().BeFalse();
            script.training.Should().BeFalse();
        }

        model.training.Should().BeTrue();
        script.training.Should().BeTrue();
    }
}
