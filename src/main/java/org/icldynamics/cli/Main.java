package org.icldynamics.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import org.icldynamics.config.ConfigException;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.RunFiles;
import org.icldynamics.experiment.study.SlurmCommandException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code icl}: the command line. Exit codes: 0 success, 1 run failed (diverged, or an unexpected error),
 * 2 bad usage, bad config or missing file, 130 interrupted (Ctrl-C; resume with {@code icl resume DIR}).
 */
@Command(name = "icl", mixinStandardHelpOptions = true, version = "icl-dynamics 0.1.0",
        description = "Train attention models on in-context regression and record their dynamics.",
        commandListHeading = "%nCommands:%n", synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final Function<ExperimentSpec, ExperimentParts> factory;

    public Main(Function<ExperimentSpec, ExperimentParts> factory) {
        this.factory = factory;
    }

    /** Every subcommand, one line each: add new ones here. */
    private List<Object> subcommands() {
        return List.of(
                new RunCommand(factory),
                new ResumeCommand(factory),
                new ConfigCommand(),
                new FigureCommand(factory),
                new ReproduceCommand(factory),
                new AnalyzeCommand(factory),
                new EvalCommand(factory),
                new TheoryCommand(),
                new BenchCommand(),
                new ProbeCommand(),
                new RunsCommand(),
                new AlgorithmsCommand(),
                new ServeCommand(),
                new SweepCommand(factory));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    /** Runs {@code args} and returns the exit code (never calls System.exit). */
    public int execute(String... args) {
        try {
            return commandLine(args.length > 0 ? args[0] : null).execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("icl: failed: out of memory (heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB); lower the sizes or raise the heap, e.g. ICL_JAVA_OPTS=-Xmx8g");
            return FAILED;
        }
    }

    /** The command line with every subcommand and the error handlers, ready to parse or execute. */
    CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for arguments starting with {@code first}: when it names a subcommand, only that one is
     * built (picocli reads every command's annotations by reflection, about a second of a short command's start);
     * otherwise all of them, for the top-level help and suggestions.
     */
    private CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(this);
        List<Object> subs = subcommands();
        List<Object> named = subs.stream().filter(o -> o.getClass().getAnnotation(Command.class).name().equals(first))
                .toList();
        for (Object sub : named.isEmpty() ? subs : named) {
            cl.addSubcommand(sub);
        }
        CommandLines.kebabEnums(cl);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            // InvalidSettingException: a settings record refused a value that came from the command line
            if (e instanceof ConfigException || e instanceof InvalidSettingException
                    || e instanceof UnsupportedOperationException) {
                err.println("icl: error: " + e.getMessage());
                err.flush();
                return USAGE;
            }
            // a file that cannot be read or written (a path given on the command line or in a config), or a Slurm
            // command that failed: one line with the file or the command and the reason, no class name
            err.println("icl: failed: " + (e instanceof java.nio.file.FileSystemException f ? RunFiles.describe(f)
                    : e instanceof SlurmCommandException ? slurmFailure(e.getMessage()) : e));
            if (Boolean.getBoolean("icl.debug")) {
                e.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("icl: error: " + e.getMessage() + " (see " + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help)");
            err.flush();
            return USAGE;
        });
        return cl;
    }

    /** A failed Slurm command's message, with where to look when the cluster did not answer at all. */
    static String slurmFailure(String message) {
        boolean noCluster = message.contains("Unable to contact") || message.contains("could not be started")
                || message.contains(": no answer in ");
        return message + (noCluster ? " (is the Slurm cluster up? sinfo shows it)" : "");
    }

    public static void main(String[] args) {
        System.exit(new Main(ExperimentFactory::build).execute(args));
    }
}
