using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SupportBot.Benchmarks.DescriptionBenchmarks).Assembly).Run(args);
