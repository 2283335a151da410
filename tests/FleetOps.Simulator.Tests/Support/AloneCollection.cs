namespace FleetOps.Simulator.Tests.Support;

/// <summary>
/// Tests that start several processes run alone: on 2 cores their start-up would starve the other tests' fleets, and
/// the waits that judge "no answer" must not be stretched by a busy machine.
/// </summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;
