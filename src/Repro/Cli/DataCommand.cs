using System.CommandLine;
using Repro.Data;

namespace Repro.Cli;

/// <summary>`repro data slice`: rebuilds the embedded CIFAR-10 slice from a full copy (deterministic: same source and seed, same bytes).</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "CIFAR-10 as image folders (train/<class>/*, test/<class>/*)", Required = true };
        var output = new Option<string>("--out") { Description = "The zip to write", DefaultValueFactory = _ => Path.Combine("src", "Repro", "Data", "Embedded", EmbeddedSlice.FileName) };
        var trainPerClass = new Option<int>("--train-per-class") { DefaultValueFactory = _ => EmbeddedSlice.TrainPerClass };
        var testPerClass = new Option<int>("--test-per-class") { DefaultValueFactory = _ => EmbeddedSlice.TestPerClass };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => EmbeddedSlice.Seed };
        var slice = new Command("slice", "Build the embedded class-balanced CIFAR-10 slice") { source, output, trainPerClass, testPerClass, seed };
        slice.SetAction(parse =>
        {
            var manifest = EmbeddedSliceBuilder.Build(parse.GetValue(source)!, parse.GetValue(output)!, parse.GetValue(trainPerClass),
                parse.GetValue(testPerClass), parse.GetValue(seed));
            Console.WriteLine($"wrote {parse.GetValue(output)} ({manifest.Entries.Count} images)");
            return 0;
        });
        return new Command("data", "Data set utilities") { slice };
    }
}
