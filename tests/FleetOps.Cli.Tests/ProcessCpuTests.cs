using System.Diagnostics;
using FleetOps.Cli.Bench;

namespace FleetOps.Cli.Tests;

/// <summary>CPU time of a process tree read from /proc (the bench's host and Azurite CPU %).</summary>
public sealed class ProcessCpuTests
{
    [Fact]
    public void A_stat_line_gives_the_parent_and_user_plus_system_ticks_whatever_the_command_name()
    {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        var stat = ProcessCpu.ParseStat("4321 (node (azurite) x) S 77 4321 4321 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 123 456");
        Assert.Equal((77, 300L), stat);
        Assert.Null(ProcessCpu.ParseStat("4321 (node) S 77"));
    }

    [Fact]
    public void The_tree_of_this_process_has_used_cpu_and_a_child_adds_to_it()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; sleep 30"]))!;
        try
        {
            // The child's busy loop is over once it sleeps: wait for its CPU to show, then the tree holds at least it.
            TimeSpan? childCpu = null;
            for (var i = 0; i < 600 && (childCpu = ProcessCpu.Of(child.Id)) is not { TotalMilliseconds: > 0 }; i++) Thread.Sleep(50);
            Assert.True(childCpu > TimeSpan.Zero, "the child's busy loop used no CPU");
            // This process alone, then its tree: the tree holds the child's CPU on top of (a later reading of) its own.
            var own = TimeSpan.FromSeconds(ProcessCpu.ParseStat(File.ReadAllText("/proc/self/stat"))!.Value.Ticks / 100.0);
            var tree = ProcessCpu.Of(Environment.ProcessId);
            Assert.True(tree >= own + childCpu, $"tree {tree}, own {own}, child {childCpu}");
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
        Assert.Null(ProcessCpu.Of(child.Id));
    }
}
