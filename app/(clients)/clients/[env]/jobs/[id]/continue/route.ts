import { resumeAssignJob } from "@/lib/clients/assign";
import { jobPostRoute } from "@/lib/clients/context";

export const POST = jobPostRoute(resumeAssignJob);
