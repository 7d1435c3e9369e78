/* The machine's f64 fused-multiply-add peak, for `icl bench --peak`: each of THREADS threads runs 12 independent
 * FMA chains on the widest vectors the compiler targets (-march=native) for about SECONDS of its own CPU time and
 * reports its FLOPs per CPU-second; the sum over threads is the peak of that many cores, not inflated or deflated
 * by other jobs sharing the machine. Usage: fma_peak THREADS SECONDS. Prints "fma_peak_gflops: X". */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef __AVX512F__
#define LANES 8
#else
#define LANES 4
#endif
typedef double vec __attribute__((vector_size(LANES * 8)));

static double seconds;

static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void *chains(void *out) {
    vec a[12], m, c;
    for (int j = 0; j < LANES; j++) {
        m[j] = 0.999999999;
        c[j] = 1e-9;
    }
    for (int i = 0; i < 12; i++) {
        a[i] = m;
    }
    long rounds = 0;
    double start = cpu_now(), now = start;
    while (now - start < seconds) {
        for (long k = 0; k < 1000000; k++) {
#pragma GCC unroll 12
            for (int i = 0; i < 12; i++) {
                a[i] = a[i] * m + c; /* contracted to one fma by -ffp-contract=fast (GCC's default) */
            }
        }
        rounds++;
        now = cpu_now();
    }
    double s = 0;
    for (int i = 0; i < 12; i++) {
        for (int j = 0; j < LANES; j++) {
            s += a[i][j];
        }
    }
    ((double *) out)[0] = rounds * 1e6 * 12 * LANES * 2 / (now - start) / 1e9;
    ((double *) out)[1] = s;
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    seconds = argc > 2 ? atof(argv[2]) : 1.0;
    if (threads < 1 || threads > 1024 || seconds <= 0) {
        fprintf(stderr, "usage: fma_peak THREADS SECONDS\n");
        return 2;
    }
    pthread_t t[1024];
    double out[1024][2];
    for (int i = 0; i < threads; i++) {
        pthread_create(&t[i], NULL, chains, out[i]);
    }
    double total = 0, check = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        total += out[i][0];
        check += out[i][1];
    }
    printf("fma_peak_gflops: %.2f\nlanes: %d\nthreads: %d\nchecksum: %g\n", total, LANES, threads, check);
    return 0;
}
