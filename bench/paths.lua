-- wrk script for bench/load.py: cycles through the request paths in the file named by BENCH_PATHS, one per line.
-- Each wrk thread starts at another place in the list, so threads do not ask for the same path at once.
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    paths[#paths + 1] = line
  end
  position = offset * math.floor(#paths / 2)
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end
